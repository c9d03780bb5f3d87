"""The site's settings and its frozen model: posts, pages, venues, speakers, sponsors."""
