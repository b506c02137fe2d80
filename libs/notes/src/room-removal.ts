import type { RoomRemovalRepository } from '@padmeet/data';
import { AppError } from '@padmeet/util';
import { decideRoomRemoval } from './policy';

/**
 * Removes a room, the one way padmeet deletes one (there is no room deletion in the UI or API yet;
 * whatever adds it must call this): refused (CONFLICT, saying what to do) while a session of the
 * room is running or to come, while a snapshot is pending, or while its session notes were not
 * exported since the last one was taken (decideRoomRemoval). The Etherpad pad itself is never
 * deleted by padmeet. NOT_FOUND for an unknown room.
 */
export async function removeRoom(rooms: RoomRemovalRepository, roomId: string): Promise<void> {
  if (!(await rooms.remove(roomId, decideRoomRemoval))) throw new AppError('NOT_FOUND', { userMessage: 'There is no such room.' });
}
