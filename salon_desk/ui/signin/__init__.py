"""The sign-in screen: staff tiles and a PIN pad (no tab of its own)."""
