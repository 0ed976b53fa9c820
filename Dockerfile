# Pulse: one image for every process kind (bot, workers, web); the command picks the kind.
FROM node:20-bookworm-slim

# Fonts for digest charts (Vietnamese glyphs) and CA certificates for Telegram's HTTPS API.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-noto-core ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
ENV NODE_ENV=production DOTENV_CONFIG_QUIET=true
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts ./scripts
# postinstall runs `npm run db:generate` (offline prisma generate).
RUN npm ci --include=dev
COPY . .
RUN npm run db:generate

USER node
EXPOSE 3000
# Migrations are applied at start (serialised by an advisory lock).
CMD ["npx", "tsx", "src/main.ts", "all"]
