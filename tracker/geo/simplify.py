"""Line simplification for web maps (Douglas-Peucker, pure Python, in degrees).

Used by the basemap build (``tracker.geo.basemap_build``) and the boundaries import
(``tracker.geo.boundaries``). Degrees are good enough at the zooms these layers are drawn at;
nothing here is used for distances.
"""

from collections.abc import Sequence

Point = Sequence[float]


def _distance2(p: Point, a: Point, b: Point) -> float:
    """Squared distance from ``p`` to the segment ``a``-``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return (p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    x, y = a[0] + t * dx, a[1] + t * dy
    return (p[0] - x) ** 2 + (p[1] - y) ** 2


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """The points of a line kept by Douglas-Peucker (first and last always kept). Iterative:
    a country's coastline has more points than Python's recursion limit."""
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        worst, at = -1.0, -1
        for i in range(first + 1, last):
            d = _distance2(points[i], points[first], points[last])
            if d > worst:
                worst, at = d, i
        if at > 0 and worst > limit:
            keep[at] = True
            stack.append((first, at))
            stack.append((at, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def rounded(points: Sequence[Point], digits: int) -> list[list[float]]:
    """Coordinates rounded to ``digits`` decimals, consecutive duplicates dropped."""
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, digits), round(y, digits)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def simplify_ring(ring: Sequence[Point], tolerance: float, digits: int) -> list[list[float]] | None:
    """A closed ring simplified and rounded, or None when it collapses (under 4 points)."""
    if len(ring) < 4:
        return None
    # A closed ring's first and last point are the same: split it in two halves so that
    # Douglas-Peucker has a real chord to measure against.
    middle = len(ring) // 2
    half = douglas_peucker(ring[: middle + 1], tolerance)[:-1] + douglas_peucker(ring[middle:], tolerance)
    out = rounded(half, digits)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def simplify_geometry(geometry: dict, tolerance: float, digits: int) -> dict | None:
    """A GeoJSON Polygon or MultiPolygon simplified (rings that collapse dropped), or None when
    nothing is left."""
    kind = geometry.get("type")
    polygons = [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"]
    kept = []
    for polygon in polygons:
        rings = [simplify_ring(ring, tolerance, digits) for ring in polygon]
        if rings and rings[0] is not None:
            kept.append([rings[0], *(r for r in rings[1:] if r is not None)])
    if not kept:
        return None
    return (
        {"type": "Polygon", "coordinates": kept[0]}
        if len(kept) == 1
        else {"type": "MultiPolygon", "coordinates": kept}
    )
