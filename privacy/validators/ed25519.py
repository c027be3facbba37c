"""Ed25519 keypairs: does a 64-byte secret key hold its own public key (Solana's format)?"""

from __future__ import annotations

from functools import lru_cache

from Crypto.PublicKey import ECC

__all__ = ["is_ed25519_keypair"]


@lru_cache(maxsize=256)
def is_ed25519_keypair(secret: bytes) -> bool:
    """True if ``secret`` is 32 bytes of seed followed by the public key that seed derives.

    Solana (Phantom, solana-keygen) exports this 64-byte form; a transaction signature has
    the same length but never passes, so this is the checksum of the format.
    """
    if len(secret) != 64:
        return False
    key = ECC.construct(curve="Ed25519", seed=secret[:32])
    return bool(key.public_key().export_key(format="raw") == secret[32:])
