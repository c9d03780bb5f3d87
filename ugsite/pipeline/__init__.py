"""The build pipeline: load, theme, plan, render, write."""
