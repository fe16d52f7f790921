#!/usr/bin/env bash
# Initiates the replica set rs0 (once) and creates the four services' users (once). Idempotent.
set -euo pipefail
until mongosh --quiet --host mongo1 -u root -p "$MONGO_ROOT_PASSWORD" --authenticationDatabase admin --eval 'db.runCommand({ping:1})' >/dev/null 2>&1; do sleep 2; done
mongosh --quiet --host mongo1 -u root -p "$MONGO_ROOT_PASSWORD" --authenticationDatabase admin <<JS
try { rs.status() } catch (e) {
  rs.initiate({_id: "rs0", members: [{_id: 0, host: "mongo1:27017"}, {_id: 1, host: "mongo2:27017"}, {_id: 2, host: "mongo3:27017"}]})
}
while (!db.hello().isWritablePrimary) { sleep(1000) }
const admin = db.getSiblingDB("admin")
for (const [user, database, password] of [["policy-service", "policy", "$MONGO_POLICY_PASSWORD"],
    ["training-service", "training", "$MONGO_TRAINING_PASSWORD"], ["audit-service", "audit", "$MONGO_AUDIT_PASSWORD"],
    ["witness-service", "witness", "$MONGO_WITNESS_PASSWORD"]]) {
  if (!admin.getUser(user)) { admin.createUser({user, pwd: password, roles: [{role: "readWrite", db: database}]}) }
}
JS
