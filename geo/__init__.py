"""Geodata for Korea Cluster Atlas: boundaries, code mapping, joins and aggregation.

Everything here takes and returns (Geo)DataFrames and never imports streamlit.
"""

from geo.errors import BoundaryDataError

__all__ = ["BoundaryDataError"]
