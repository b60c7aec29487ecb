"""CCHC Desktop core: domain, storage, deadlines, exports. Never imports Qt."""

__version__ = "0.1.0"
