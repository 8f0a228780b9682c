// In-memory oidc-provider adapter whose records the test hooks can list and delete.

// One map for all models; keys are "<model>:<id>". Values are { payload, expiresAt (ms or undefined) }.
const records = new Map();

function isLive(record) {
  return record && (record.expiresAt === undefined || record.expiresAt > Date.now());
}

// Returns [id, payload] pairs of the live records of one model, such as "RefreshToken".
export function listRecords(modelName) {
  const prefix = `${modelName}:`;
  const found = [];
  for (const [key, record] of records) {
    if (key.startsWith(prefix) && isLive(record)) {
      found.push([key.slice(prefix.length), record.payload]);
    }
  }
  return found;
}

export function deleteRecord(modelName, id) {
  return records.delete(`${modelName}:${id}`);
}

export class MemoryAdapter {
  constructor(modelName) {
    this.modelName = modelName;
  }

  key(id) {
    return `${this.modelName}:${id}`;
  }

  async upsert(id, payload, expiresIn) {
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
    records.set(this.key(id), { payload: { ...payload }, expiresAt });
  }

  async find(id) {
    const record = records.get(this.key(id));
    if (!isLive(record)) {
      records.delete(this.key(id));
      return undefined;
    }
    return { ...record.payload };
  }

  async findByUserCode(userCode) {
    const match = listRecords(this.modelName).find(([, payload]) => payload.userCode === userCode);
    return match ? { ...match[1] } : undefined;
  }

  async findByUid(uid) {
    const match = listRecords(this.modelName).find(([, payload]) => payload.uid === uid);
    return match ? { ...match[1] } : undefined;
  }

  async consume(id) {
    const record = records.get(this.key(id));
    if (record) {
      record.payload.consumed = Math.floor(Date.now() / 1000);
    }
  }

  async destroy(id) {
    records.delete(this.key(id));
  }

  async revokeByGrantId(grantId) {
    for (const [id, payload] of listRecords(this.modelName)) {
      if (payload.grantId === grantId) {
        records.delete(this.key(id));
      }
    }
  }
}
