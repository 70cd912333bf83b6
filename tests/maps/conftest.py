from tests.map_fixtures import _fresh_map_index, plain_client  # noqa: F401
