"""Where the API lives: every versioned route is under this prefix."""

API_PREFIX = "/api/v1"
