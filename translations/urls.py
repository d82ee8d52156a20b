from django.urls import path

from translations import views

app_name = "translations"

urlpatterns = [
    path(
        "submit/<int:page_id>/",
        views.SubmitTranslationView.as_view(),
        name="submit_page",
    ),
]
