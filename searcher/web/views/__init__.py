"""The app's views: the search page and its CSV (search), one article and its original
file (article), the JSON API and its description (api); common holds what they share."""
