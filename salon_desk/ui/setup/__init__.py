"""Start-up screens: first-start set-up, database problems, safe mode (no tab)."""
