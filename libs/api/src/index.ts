// Browser-safe entry: types only. Server code lives behind '@padmeet/api/server'.
export type { AppRouter, RouterInputs, RouterOutputs } from './root';
