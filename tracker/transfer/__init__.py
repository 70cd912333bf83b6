"""Bulk transfer of cases: import of CSV/XLSX in the flat form (DESIGN.md), duplicate
detection, and exports (internal and public) in CSV, XLSX, GeoJSON and JSON."""
