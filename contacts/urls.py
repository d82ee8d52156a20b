from django.urls import path

from contacts import views

app_name = "contacts"

urlpatterns = [
    path("contacts/vcard/<int:pk>.vcf", views.vcard, name="vcard"),
]
