"""The site's settings and its frozen model: posts, pages, venues, speakers, sponsors."""

# The settings file of a site (ugsite.site.config); here, so that a build that reuses everything
# finds it without loading the settings' checks.
CONFIG_FILE = "ugsite.yaml"
