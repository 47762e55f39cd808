"""The signed-in workspace: the top bar and the tabs (no tab of its own)."""
