from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("", views.PartnerOrganisationListView.as_view(), name="list"),
    path("<slug:slug>/", views.PartnerOrganisationDetailView.as_view(), name="detail"),
]
