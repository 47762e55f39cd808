"""Benchmarks of Salon Desk at the scale of a busy salon, each against a floor measured in
the same run. Run them all with ``python -m bench``."""
