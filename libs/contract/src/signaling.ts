// Owned by the SFU work: zod discriminated unions for every signaling message.
export {};
