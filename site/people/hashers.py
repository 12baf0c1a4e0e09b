"""Password hashing: Argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).

Django's own Argon2 defaults (100 MiB, 8 lanes) cost ~170 ms of CPU per hash on a 2-core
server and PBKDF2's 1,000,000 rounds ~245 ms; this costs ~22 ms. Every sign-in and every
re-authentication before signing a pact hashes once, so on a deadline day a city's worth
of them must fit beside everything else. Memory-hardness is what makes Argon2id costly to
attack on GPUs, which is why OWASP's Password Storage Cheat Sheet accepts these settings.
Older hashes (PBKDF2) still verify and are upgraded on the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    # The algorithm name stays "argon2": the parameters travel inside each hash, so a
    # later change of these numbers re-hashes on sign-in without a new name.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
