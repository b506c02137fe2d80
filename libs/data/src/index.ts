export { getDb, disconnectAll, checkDatabase, type Db } from './client';
export { createPgPool } from './pool';
export { createRoomRepository, type RoomRepository } from './room.repository';
export { seedDemo } from './seed';
