/** The whole exhaustive space on 64-page DirtyMemoryBlocks with the 'alternating' bitmap pattern (see `../full-space-slice.ts`). */
import { testFullSpaceSlice } from '../full-space-slice.ts';

testFullSpaceSlice(64, 'alternating');
