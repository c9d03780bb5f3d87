"""The README's reference of template variables is the one the context classes give, for every template."""

from __future__ import annotations

import dataclasses

from conftest import EXAMPLE, NOW, REPO

from ugsite.pipeline.build import BuildOptions
from ugsite.pipeline.stages import prepare
from ugsite.render.page_contexts import FrameContext, HomeContext, PageMeta, RedirectContext, SearchContext
from ugsite.render.outputs import TemplateOutput
from ugsite.render.template_reference import (
    COMMAND,
    attribute_docs,
    context_classes,
    readme_section,
    template_reference,
)


def test_readme_reference_is_the_generated_one() -> None:
    section = readme_section(REPO / "README.md")
    assert section is not None, "README.md lacks the template-context markers"
    assert section == template_reference(), f"the README's template reference is out of date: run `{COMMAND}`"


def test_every_template_of_the_default_theme_has_a_context() -> None:
    templates = {p.name for p in (REPO / "themes/default/templates").iterdir() if p.is_file()} - {"base.html"}
    kinds = context_classes()
    assert sorted(kind.template for kind in kinds) == sorted(templates)
    assert all(kind.__doc__ and not kind.__doc__.startswith(kind.__name__ + "(") for kind in kinds), \
        "give each context class a docstring: it is its line in the README"


def test_a_template_sees_each_field_by_its_name_as_it_is() -> None:
    site, target = object(), "about/"
    context = RedirectContext(site, target, "About")  # type: ignore[arg-type]
    assert context.variables() == {"site": site, "target": target, "title": "About"}
    assert context.variables()["site"] is site


def test_the_pages_of_the_example_are_what_the_reference_says() -> None:
    prepared = prepare(EXAMPLE, BuildOptions(now=NOW, workers=1))
    pages = [o for o in prepared.outputs if isinstance(o, TemplateOutput)]
    assert {type(o.context) for o in pages} == set(context_classes()) - {SearchContext}  # search: false
    kinds = attribute_docs(PageMeta)["kind"]
    for output in pages:
        assert list(output.context.variables()) == [f.name for f in dataclasses.fields(output.context)]
        if isinstance(output.context, FrameContext):
            assert f"`{output.context.meta.kind}`" in kinds, output.route


def test_field_docs_are_the_strings_below_the_fields() -> None:
    docs = attribute_docs(HomeContext)
    assert set(docs) == {"site", "nav", "people", "meta", "posts", "intro_html", "upcoming", "next_event", "built", "subscribe", "calls",
                         "first_time"}
    assert docs["built"] == "the day of the build, in the site's time zone"
    assert "`venues`" in attribute_docs(PageMeta)["kind"]  # a docstring over two lines is one line
