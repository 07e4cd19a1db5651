"""The helpdesk for entrepreneurs: sign-up and linking an account to an enterprise, cases with
service levels, referral and notifications, and the public knowledge base. Its models live in
``brokers.models`` (app label ``brokers``); the broker team workspace is the rest of ``brokers``."""
