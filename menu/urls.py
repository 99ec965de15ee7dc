from django.urls import path

from menu import views

app_name = "menu"

urlpatterns = [
    path("", views.menu_list, name="list"),
    path("<slug:slug>/", views.dish_detail, name="detail"),
    path("<slug:slug>/favorite/", views.favourite, name="favorite"),
]
