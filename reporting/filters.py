"""The reporting page's archive filter, read from the query string with a form (``cms.core.params``)."""

from dataclasses import dataclass, field

from cms.core.params import REGION_UNKNOWN, ChoiceParam, ParamsForm, YearParam
from organisations.models import Region


class ArchiveFilterForm(ParamsForm):
    year = YearParam()
    region = ChoiceParam({}, as_object=True, error_messages={"unknown": REGION_UNKNOWN})  # choices: the regions

    def __init__(self, params, regions):
        super().__init__(params)
        self.fields["region"].choices_source = {r.slug: r for r in regions}


@dataclass
class ArchiveFilter:
    """The year and region chosen in the address, with a message for each value that is not valid."""

    year: int | None = None
    region: Region | None = None
    errors: list = field(default_factory=list)

    @classmethod
    def from_params(cls, params, regions):
        form = ArchiveFilterForm(params, regions)
        return cls(year=form.value("year"), region=form.value("region"), errors=form.messages)

    @property
    def querystring(self):
        parts = []
        if self.year:
            parts.append(f"year={self.year}")
        if self.region:
            parts.append(f"region={self.region.slug}")
        return "&".join(parts)
