"""Beacon's recognizers live beside Presidio's own in one process.

Presidio's ``RecognizerListLoader.get_existing_recognizer_cls`` resolves a recognizer named in
its configuration by comparing the name with ``__name__`` of every loaded subclass of
``EntityRecognizer``. A Beacon class with the same name as a Presidio one (``EmailRecognizer``)
could be picked instead and fail on Presidio's constructor arguments, so every Beacon class
carries a ``Beacon`` prefix.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerRegistry
from presidio_analyzer.recognizer_registry.recognizers_loader_utils import RecognizerListLoader

import privacy  # noqa: F401  (importing it is what used to break Presidio's loader)
from privacy.registry import all_recognizers


def test_presidio_predefined_recognizers_load_after_importing_privacy() -> None:
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(languages=["en"])
    modules = {type(recognizer).__module__ for recognizer in registry.recognizers}
    assert registry.recognizers
    assert all(module.startswith("presidio_analyzer.") for module in modules), modules


def test_beacon_class_names_are_unique_among_entity_recognizers() -> None:
    ours = set(all_recognizers())
    others = {
        cls.__name__
        for cls in RecognizerListLoader.get_all_existing_recognizers(EntityRecognizer)
        if cls not in ours
    }
    for cls in ours:
        assert cls.__name__.startswith("Beacon"), cls.__name__
        assert cls.__name__ not in others, cls.__name__
