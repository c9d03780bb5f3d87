"""Writing a built site into its folder, all at once, and indexing it for search."""
