"""Names of the per-client rate limits on identity's public routes (rules come from the
settings: ``RATE_LIMIT_LOGIN``, ``RATE_LIMIT_REFRESH``, ``RATE_LIMIT_SIGNUP``)."""

LOGIN = "login"
REFRESH = "refresh"
SIGNUP = "signup"
