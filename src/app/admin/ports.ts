/** What the admin use cases need, declared here and implemented by the repositories of src/db. */
import type { Invite, Topic, Unit } from '../../domain/types.js';
import type { Role } from '../../domain/vocabulary.js';
import type { AuditLog } from '../alerts/ports.js';

export type { AuditEntry, AuditLog } from '../alerts/ports.js';

export interface NewUnit {
  name: string;
  parentId?: number | null;
  timezone?: string;
  digestTime?: string;
}

export interface NewInvite {
  codeHash: string;
  unitId: number;
  role: Role;
  expiresAt: Date;
  maxUses: number;
  createdById?: number | null;
  label?: string | null;
}

export interface TopicStore {
  list(activeOnly?: boolean): Promise<Topic[]>;
  upsert(t: Omit<Topic, 'active'> & { active?: boolean }): Promise<void>;
}

export interface AdminRepos {
  units: {
    get(id: number): Promise<Unit | null>;
    isInSubtree(ancestorId: number, unitId: number): Promise<boolean>;
    create(input: NewUnit): Promise<Unit>;
  };
  invites: { create(i: NewInvite): Promise<Invite> };
  audit: AuditLog;
  topics: TopicStore;
}
