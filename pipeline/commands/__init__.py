"""One module per ``xxgk`` sub-command."""
