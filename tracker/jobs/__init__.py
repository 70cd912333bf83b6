"""Long work as jobs: RQ workers when REDIS_URL is set, an in-process runner otherwise."""
