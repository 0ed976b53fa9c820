# Pulse: one image for every process kind (bot, workers, web, all); the command picks the kind.
# Multi-stage: the build stage has the dev dependencies (TypeScript, tsx, Prisma's generator)
# and compiles to dist/; the final image holds only production dependencies and dist/, and runs
# plain `node` (no tsx, no TypeScript, no dev dependencies).

# ── build: generate the Prisma client, compile to dist/ ─────────────────────────────────────────
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV DOTENV_CONFIG_QUIET=true
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
# dev dependencies included; postinstall runs `npm run db:generate` (offline prisma generate)
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run db:generate && npm run build

# ── production dependencies only ──────────────────────────────────────────────────────────────────
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# no install scripts: the only one of ours (postinstall: prisma generate) needs dev tools, and the
# generated client is already compiled into dist/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ── the image ─────────────────────────────────────────────────────────────────────────────────────
FROM node:20-bookworm-slim AS runtime
# Fonts for digest charts (Vietnamese glyphs) and CA certificates for Telegram's HTTPS API.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-noto-core ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production DOTENV_CONFIG_QUIET=true
# A 4 MB young generation (V8's default reaches 16 MB per semi-space): every process kind idles
# 10-55 MB lower (web 134 -> 102 MB, all-in-one 223 -> 167 MB, `bench/memory.ts`) for about 5 %
# of text-analysis throughput (~2,800 -> ~2,650 reports/s, `bench/nlp-throughput.ts`), far above
# what ~800 collaborators send. `npm run start*` passes the same flag.
ENV NODE_OPTIONS="--max-semi-space-size=4"
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Migrations are applied at start (serialised by an advisory lock).
CMD ["node", "dist/src/main.js", "all"]
