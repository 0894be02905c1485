/** The whole exhaustive space on 128-page DirtyMemoryBlocks with the 'alternating' bitmap pattern (see `../full-space-slice.ts`). */
import { testFullSpaceSlice } from '../full-space-slice.ts';

testFullSpaceSlice(128, 'alternating');
