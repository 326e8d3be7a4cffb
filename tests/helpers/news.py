"""The news item admin form's data, as a browser would post it."""

from django.utils import timezone


def news_form_data(item=None, **changes):
    """Return what the admin's news form posts for `item` (or a new story), with `changes` applied."""
    data = {
        "title_en": "Cherry trees blossom in Ljubljana",
        "title_ja": "",
        "slug": "cherry-trees",
        "summary_en": "Three hundred trees bloom again.",
        "summary_ja": "",
        "body_en": "<p>The trees were given in 1999.</p>",
        "body_ja": "",
        "kind": "news",
        "status": "draft",
        "publish_at": timezone.now(),
        "author": "",
        "hero_alt_en": "",
        "hero_alt_ja": "",
        "hero_caption_en": "",
        "hero_caption_ja": "",
        "hero_credit_en": "",
        "hero_credit_ja": "",
        "countries": [],
        "partners": [],
        "tags": "",
        "source_name_en": "",
        "source_name_ja": "",
        "source_url": "",
        "event_start": "",
        "event_end": "",
        "venue_en": "",
        "venue_ja": "",
        "city_en": "",
        "city_ja": "",
    }
    images = []
    if item is not None:
        for name in list(data):
            value = getattr(item, name.removesuffix("_id"))
            if name in ("countries", "partners"):
                value = [obj.pk for obj in value.all()]
            elif name == "tags":
                value = ", ".join(tag.name for tag in value.all())
            elif name == "author":
                value = item.author_id or ""
            data[name] = "" if value is None else value
        data["is_featured"] = "on" if item.is_featured else ""
        images = list(item.images.all())
    data.update(changes)
    publish_at = timezone.localtime(data.pop("publish_at"))
    data["publish_at_0"] = publish_at.strftime("%Y-%m-%d")
    data["publish_at_1"] = publish_at.strftime("%H:%M:%S")
    if not data.get("is_featured"):
        data.pop("is_featured", None)
    data.setdefault("images-TOTAL_FORMS", str(len(images)))
    data.setdefault("images-INITIAL_FORMS", str(len(images)))
    data.setdefault("images-MIN_NUM_FORMS", "0")
    data.setdefault("images-MAX_NUM_FORMS", "1000")
    documents = list(item.documents.all()) if item is not None else []
    data.setdefault("documents-TOTAL_FORMS", str(len(documents)))
    data.setdefault("documents-INITIAL_FORMS", str(len(documents)))
    data.setdefault("documents-MIN_NUM_FORMS", "0")
    data.setdefault("documents-MAX_NUM_FORMS", "1000")
    for index, document in enumerate(documents):
        prefix = f"documents-{index}-"
        data.setdefault(prefix + "id", document.pk)
        data.setdefault(prefix + "news_item", item.pk)
        for name in ("title", "summary"):
            for language in ("en", "ja"):
                data.setdefault(f"{prefix}{name}_{language}", getattr(document, f"{name}_{language}") or "")
        data.setdefault(prefix + "order", document.order)
    for index, image in enumerate(images):
        prefix = f"images-{index}-"
        data.setdefault(prefix + "id", image.pk)
        data.setdefault(prefix + "news_item", item.pk)
        for name in ("alt", "caption", "credit"):
            for language in ("en", "ja"):
                data.setdefault(f"{prefix}{name}_{language}", getattr(image, f"{name}_{language}") or "")
        data.setdefault(prefix + "order", image.order)
    if item is not None:
        # A saved story's form also holds its review links (workflow.ReviewLink), none here.
        links = "workflow-reviewlink-content_type-object_id"
        data.setdefault(f"{links}-TOTAL_FORMS", "0")
        data.setdefault(f"{links}-INITIAL_FORMS", "0")
        data.setdefault(f"{links}-MIN_NUM_FORMS", "0")
        data.setdefault(f"{links}-MAX_NUM_FORMS", "1000")
    return data
