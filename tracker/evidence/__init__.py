"""Evidence attached to cases: originals kept once by SHA-256 and never modified, derived
copies (thumbnails, cleaned public copies), storage backends and the integrity check."""
