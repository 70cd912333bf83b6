"""Places: the offline gazetteer (``gazetteer``, built by ``build``), ``resolver`` (text to ranked
candidates), ``reverse`` (point to country and governorate), ``providers`` (geopy chain and its
cache), ``operations`` (geocoding an incident), ``batch`` (the CLI run) and ``coarsen`` (what the
public may see of a location)."""
