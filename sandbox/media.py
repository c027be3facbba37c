"""Uploaded media: resolving a file parameter and reading image dimensions for PhotoSize."""

from __future__ import annotations

import io
import struct

from sandbox.errors import bad_request
from sandbox.models import JSON
from sandbox.params import ApiParams
from sandbox.state import FileRecord, World


def resolve_file(world: World, params: ApiParams, name: str, *, kind: str) -> FileRecord:
    """The file behind a send's `name` parameter: an upload, attach://<part> or a file_id."""
    upload = params.uploads.get(name)
    value = params.str_or_none(name)
    if upload is None and value is not None and value.startswith("attach://"):
        upload = params.uploads.get(value.removeprefix("attach://"))
        if upload is None:
            raise bad_request(f"wrong file identifier/HTTP URL specified for {name}")
    if upload is not None:
        if not upload.data:
            raise bad_request("file must be non-empty")
        if kind == "photo" and image_size(upload.data) is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        return world.add_file(
            upload.data, kind=kind, file_name=upload.file_name, mime_type=upload.content_type
        )
    if value is None or value == "":
        raise bad_request(f"there is no {name} in the request")
    if value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    existing = world.files.get(value)
    if existing is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return existing


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF or JPEG image, or None when it is not one."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    return None


def media_payload(record: FileRecord) -> dict[str, object]:
    """The `document` object, or the `photo` PhotoSize array, for a stored file."""
    meta = record.meta
    if meta.kind == "photo":
        width, height = image_size(record.data) or (0, 0)
        return {
            "photo": [
                {
                    "file_id": meta.file_id,
                    "file_unique_id": meta.file_unique_id,
                    "width": width,
                    "height": height,
                    "file_size": meta.size,
                }
            ]
        }
    document: dict[str, object] = {
        "file_id": meta.file_id,
        "file_unique_id": meta.file_unique_id,
        "file_size": meta.size,
    }
    if meta.file_name:
        document["file_name"] = meta.file_name
    if meta.mime_type:
        document["mime_type"] = meta.mime_type
    return {"document": document}


# The long sides of the sizes Telegram makes of a photo a person sends (s, m, x, y, w).
PHOTO_SIZE_BOXES = (90, 320, 800, 1280, 2560)


def add_member_photo(world: World, data: bytes) -> JSON:
    """A photo a person sends, as Telegram stores it: one file per size, each a JPEG scaled
    to fit a box, the original (up to 2560 px) last. Bytes that are not an image are
    kept as they are, in one size."""
    from PIL import Image, UnidentifiedImageError

    try:
        original = Image.open(io.BytesIO(data))
        original.load()
    except (UnidentifiedImageError, OSError):
        return media_payload(world.add_file(data, kind="photo", file_name=None, mime_type=None))
    image = original.convert("RGB")
    long_side = max(image.size)
    boxes = [box for box in PHOTO_SIZE_BOXES if box < long_side] + [min(long_side, 2560)]
    sizes: list[JSON] = []
    for box in boxes:
        scaled = image.copy()
        scaled.thumbnail((box, box), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        scaled.save(buffer, "JPEG", quality=87)
        record = world.add_file(buffer.getvalue(), kind="photo", file_name=None, mime_type=None)
        photo = media_payload(record)["photo"]
        assert isinstance(photo, list)
        sizes.extend(photo)
    return {"photo": sizes}
