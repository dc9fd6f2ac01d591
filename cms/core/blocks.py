"""Reusable StreamField blocks. Every page type builds its body from these."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, help_text=_("Defaults to the document title."))

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link.html"


class ContactCardBlock(blocks.StructBlock):
    contact = SnippetChooserBlock("organisations.ContactPerson", label=_("Contact person"))
    heading = blocks.CharBlock(label=_("Heading"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "blocks/contact_card.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    content = blocks.RichTextBlock(label=_("Content"), features=["bold", "italic", "link", "ol", "ul"])


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = "blocks/accordion.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an external address."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action.html"


class FiguresTableBlock(TypedTableBlock):
    """A table with typed columns, for figures such as funding per region."""

    text = blocks.CharBlock(label=_("Text"))
    number = blocks.DecimalBlock(label=_("Number"), decimal_places=1)
    integer = blocks.IntegerBlock(label=_("Whole number"))
    percent = blocks.IntegerBlock(label=_("Percent"), min_value=0, max_value=100)

    class Meta:
        icon = "table"
        label = _("Table of figures")


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Caption"), help_text=_("Describes the table for screen readers."))
    table = FiguresTableBlock()
    source = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        icon = "table"
        label = _("Table of figures")
        template = "blocks/captioned_table.html"


class BodyBlock(blocks.StreamBlock):
    """The standard page body used across page types."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        features=["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph.html",
    )
    document = DocumentLinkBlock()
    contact = ContactCardBlock()
    table = CaptionedTableBlock()
    accordion = AccordionBlock()
    call_to_action = CallToActionBlock()


class TileBlock(blocks.StructBlock):
    """A portal tile on the home page: a heading, a short text and a link to a section."""

    title = blocks.CharBlock(label=_("Title"), max_length=100)
    text = blocks.TextBlock(label=_("Text"), max_length=300)
    page = blocks.PageChooserBlock(label=_("Page"))

    class Meta:
        icon = "grip"
        label = _("Tile")
        template = "blocks/tile.html"


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("Time"))
    title = blocks.CharBlock(label=_("Title"))
    speaker = blocks.CharBlock(label=_("Speaker"), required=False)

    class Meta:
        icon = "time"
        label = _("Programme item")


class CycleStepBlock(blocks.StructBlock):
    """One step of a yearly cycle (årshjul), e.g. the application process."""

    period = blocks.CharBlock(label=_("When"), max_length=60)
    title = blocks.CharBlock(label=_("What"), max_length=150)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "date"
        label = _("Step")


class MemberValue(blocks.StructValue):
    def role_label(self):
        return dict(MEMBER_ROLES).get(self.get("role"), "")


MEMBER_ROLES = [
    ("chair", _("Chair")),
    ("member", _("Member")),
    ("user_representative", _("User representative")),
    ("service_representative", _("Representative of the service")),
]


class MemberBlock(blocks.StructBlock):
    """A member of a reference group or network (fictional people in the demo)."""

    name = blocks.CharBlock(label=_("Name"))
    role = blocks.ChoiceBlock(label=_("Role"), choices=MEMBER_ROLES, default="member")
    organisation = blocks.CharBlock(label=_("Organisation"), required=False)
    region = SnippetChooserBlock("organisations.Region", label=_("Region"), required=False)

    class Meta:
        icon = "user"
        label = _("Member")
        value_class = MemberValue
