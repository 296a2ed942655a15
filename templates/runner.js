// Rex step runner — placeholder until the runner lands; the page stays a complete procedure without it.
