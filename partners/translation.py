from modeltranslation.translator import TranslationOptions, register

from .models import PartnerOrganisation


@register([PartnerOrganisation, PartnerOrganisation.history.model])
class PartnerOrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description", "address")
