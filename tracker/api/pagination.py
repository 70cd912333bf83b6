"""Pagination headers shared by the list endpoints (parameters: ``schemas.common.PageSchema``).

The total is sent as ``X-Total-Count`` and, with page links, as ``X-Pagination`` (JSON).
"""

import json
import math


def headers(total: int, page: int, page_size: int) -> dict:
    last = max(1, math.ceil(total / page_size))
    info = {"total": total, "total_pages": last if total else 0, "first_page": 1, "last_page": last,
            "page": page}  # fmt: skip
    if page > 1:
        info["previous_page"] = min(page - 1, last)
    if page < last:
        info["next_page"] = page + 1
    return {"X-Total-Count": str(total), "X-Pagination": json.dumps(info)}
