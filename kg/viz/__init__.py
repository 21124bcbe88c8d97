"""Stage 7: views of the graph: the interactive page, analytics and plots."""
