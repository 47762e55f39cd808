"""Salon Desk: touchscreen front-counter software for a beauty salon."""

__version__ = "0.1.0"
