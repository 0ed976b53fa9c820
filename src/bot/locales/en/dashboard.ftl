# /dashboard until the web dashboard exists (replace this file with the dashboard's own strings).
dashboard-coming = The dashboard is not ready yet: it is coming soon. Meanwhile, /alerts lists the open alerts and /digest sends the digest on demand.
dashboard-staff-only = The dashboard is for unit leaders and administrators.
