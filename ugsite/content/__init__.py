"""Reading a site's files: front matter, YAML, Markdown, dates, slugs, and the addresses they link to."""
