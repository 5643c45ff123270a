# syntax=docker/dockerfile:1
# Tenant Atlas as a container: the deploy path of docs/deploy.md in three stages. CI takes the same
# steps without Docker (tests/deploy/standalone.test.ts): `npm ci`, `npm run build`, the standalone
# folder on its own, `node server.js`; tests/deploy/dockerfile.test.ts keeps this file to them.
#
#   docker build -t tenant-atlas .
#   docker run -p 3000:3000 -v atlas-data:/data --env-file atlas.env tenant-atlas

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Every dependency, development tools included: the build needs them. better-sqlite3 compiles
#    its native binding here when no prebuilt one can be downloaded.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. `npm run build`: next build (output: "standalone"), then scripts/assemble-standalone.ts, which
#    adds the browser assets and migrations and checks the native binding loads.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build

# 3. Node.js and the standalone folder, nothing else: no npm install, no compiler, no tsx. The
#    folder stays owned by root, so the server cannot rewrite its own code; it runs as `node`.
FROM ${NODE_IMAGE} AS runtime
# HOSTNAME: Docker sets it to the container id, and the server listens on that address otherwise.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    ATLAS_DATA_DIR=/data \
    DATABASE_URL=file:/data/atlas.db
WORKDIR /app
RUN mkdir -m 700 /data && chown node:node /data
COPY --from=build /src/.next/standalone ./
# The one place under /app the server may write: Next.js's cache of rendered output.
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
VOLUME ["/data"]
EXPOSE 3000
# SIGTERM: the server finishes its requests and gives the sync lease back, then exits (within 10 s,
# docker stop's default grace period).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
