"""Ed25519 signatures over the audit chain's head (``flask audit anchor``)."""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tracker.audit.chain import anchor_message


def new_private_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def sign_head(private_pem: bytes, seq: int, head_hash: str) -> dict:
    key = serialization.load_pem_private_key(private_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the audit signing key must be an Ed25519 key")
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {
        "seq": seq,
        "head_hash": head_hash,
        "algorithm": "Ed25519",
        "public_key": public.hex(),
        "signature": key.sign(anchor_message(seq, head_hash)).hex(),
    }


def check_anchor(anchor: dict) -> bool:
    """Whether ``anchor``'s signature is valid for its seq and head hash."""
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(anchor["public_key"]))
    try:
        key.verify(bytes.fromhex(anchor["signature"]), anchor_message(anchor["seq"], anchor["head_hash"]))
    except InvalidSignature:
        return False
    return True
