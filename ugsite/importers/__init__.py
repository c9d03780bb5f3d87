"""Bring a group's existing site over as ordinary ugsite files, with a report of what became of each."""

# What `ugsite import --from` accepts; ugsite.commands.import_site recognises each of them.
# Listed here so that the command line knows them without loading every importer.
SOURCE_KINDS = ("events", "ghost", "hugo", "ics", "jekyll", "meetup", "middleman", "mynt", "pelican", "wordpress",
                "zola")
