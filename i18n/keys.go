package i18n

// The keys of the message table. Each comment says where the English text
// is drawn today (at commit 900cc7d; a file:line of game/, game/state/ or
// wasm/), and, for a template, what its arguments are when that is not
// plain from the text. Wiring a text is then mechanical: the literal at
// that line becomes lang.T(Key) or lang.Sprintf(Key, same arguments).
const (
	HeaderCopyLink           Key = iota // game/header.go:30
	HeaderCamera                        // game/header.go:38
	HeaderStopCamera                    // game/header.go:40
	HeaderExamplesMenu                  // new: game/phonemenu.go, a phone's Examples menu
	LinkCopied                          // wasm/share.go:38
	LinkInURL                           // wasm/share.go:34
	CodeCopied                          // wasm/export.go:30
	CodeBelow                           // wasm/export.go:27
	CodeDownloaded                      // wasm/export.go:34
	CodeBoxNote                         // wasm/export.go:63
	CodeBoxClose                        // wasm/export.go:55
	DesktopPrintFail                    // export_desktop.go:24
	DesktopPrintSaved                   // export_desktop.go:27
	DesktopNotSaved                     // export_desktop.go:32
	DesktopSaved                        // export_desktop.go:35
	CameraNone                          // wasm/camera.go:51
	CameraRefused                       // wasm/camera.go:82
	CameraNotFound                      // wasm/camera.go:84
	CameraInUse                         // wasm/camera.go:86
	CameraError                         // wasm/camera.go:88 ("Camera: " + the browser's message)
	ExampleRGB                          // game/state/examples.go:19
	ExampleMNIST                        // game/state/examples.go:20
	InputRGBPhoto                       // game/inputpanel.go:50
	InputYourNpy                        // game/inputpanel.go:52
	InputPen                            // game/inputpanel.go:56
	InputEraser                         // game/inputpanel.go:57
	InputUndo                           // game/inputpanel.go:58
	InputRedo                           // new: game/inputpanel.go's Redo (half a button, as Undo)
	InputClear                          // game/inputpanel.go:59
	InputRandomDigit                    // game/inputpanel.go:60
	InputDrawing                        // game/inputpanel.go:61
	InputHead                           // game/inputpanel.go:120 ("Input x  " + the input's shape)
	InputSample                         // game/inputpanel.go:180
	InputGeneratedPhoto                 // game/inputpanel.go:184
	InputMNISTDigit                     // game/inputpanel.go:188
	InputYourDrawing                    // game/inputpanel.go:190
	InputPaddingRing                    // game/inputpanel.go:216 (the padding mode)
	GuessUnavailable                    // game/inputpanel.go:273 (Model.Unavailable())
	GuessRefused                        // game/inputpanel.go:276 of game/state/guess.go:71 (the layer, PyTorch's message), capitalised with a full stop
	GuessOverflow                       // game/inputpanel.go:276 of game/state/nonfinite.go:18, capitalised with a full stop
	GuessOnScreen                       // game/inputpanel.go:278
	GuessPhoto                          // game/inputpanel.go:280-281
	GuessSeparate                       // game/inputpanel.go:283
	GuessLabel                          // game/inputpanel.go:304
	GuessError                          // game/inputpanel.go:307
	GuessDrawDigit                      // game/inputpanel.go:309
	SettingsHead                        // game/settings.go:69
	FiltersLearned                      // game/filters.go:168
	FiltersPreset                       // game/filters.go:170
	FiltersKaimingSeed                  // game/filters.go:115
	FilterOf                            // game/filters.go:301
	FilterOfEdited                      // game/filters.go:301+303
	FilterBank                          // game/filters.go:325
	FilterHelp                          // game/filters.go:392
	FilterBiasValue                     // game/filters.go:395
	FilterWeightValue                   // game/filters.go:397
	FilterShown                         // game/filters.go:401
	PresetIdentity                      // game/state/filters.go:10
	PresetBoxBlur                       // game/state/filters.go:11
	PresetGaussianBlur                  // game/state/filters.go:12
	PresetSharpen                       // game/state/filters.go:13
	PresetOutline                       // game/state/filters.go:14
	PresetEmboss                        // game/state/filters.go:20
	PresetDiagonalSlash                 // game/state/filters.go:21
	PresetDiagonalBackslash             // game/state/filters.go:22
	PresetLearned                       // game/state/filters.go:24
	NoteOnlyOn                          // game/state/channels.go:214 (channel names); the notes are joined with "; "
	NoteIndependent                     // game/state/channels.go:219
	NoteSameDivided                     // game/state/channels.go:221
	NoteSame                            // game/state/channels.go:223
	NoteDifferent                       // game/state/channels.go:225
	NoteEdited                          // game/state/channels.go:228
	FixesNoSetting                      // game/fixes.go:33
	FixesChangeSetting                  // game/fixes.go:35
	FixesNoMapsNoSetting                // game/fixes.go fixNote, with no maps of the input on screen
	FixesNoMapsChange                   // game/fixes.go fixNote, with no maps of the input on screen
	FixPreset                           // game/state/fixes.go:16
	FixCanvas                           // game/state/fixes.go:18
	MapsScalePerMap                     // game/maps.go:49
	MapsScaleShared                     // game/maps.go:51
	MapsColours                         // game/maps.go:55 (the colour map's name: "RdBu" or ColourGrey)
	ColourGrey                          // game/colors.go:42
	MapsWindow                          // game/maps.go:188
	MapsWindowPadding                   // game/maps.go:188+190
	MapsHead                            // game/maps.go:200
	MapsHint                            // game/maps.go:272
	MapsRejected                        // game/maps.go:295
	MapsLegendOne                       // game/maps.go:345
	MapsLegendAll                       // game/maps.go:347
	TabMaps                             // game/tabs.go:20
	TabExplain                          // game/tabs.go:20
	TabChannels                         // game/tabs.go:20
	TabBatch                            // game/tabs.go:20
	TabTrain                            // new: the train tab (game/tabs.go tabNames)
	TabModel                            // new: the model tab (game/tabs.go tabNames)
	PageInput                           // game/portrait.go:29
	PageFilter                          // game/portrait.go:29
	PageMaps                            // game/portrait.go:29
	PageShapes                          // game/portrait.go:29
	ExplainHead                         // game/explain_draw.go:24
	ExplainHint                         // game/explain_draw.go:36
	ExplainRejected                     // game/explain_draw.go:38
	ExplainCell                         // game/explain_draw.go:89 (OY, OX, then ExplainStepped, ExplainPointed or ExplainPinned)
	ExplainStepped                      // game/explain_draw.go:82
	ExplainPointed                      // game/explain_draw.go:85
	ExplainPinned                       // game/explain_draw.go:87
	ExplainInput                        // game/explain_draw.go:227
	ExplainPadding                      // game/explain_draw.go:230 (mode, y, x)
	ExplainPaddingZero                  // game/explain_draw.go:232
	ExplainNumberHint                   // game/explain_draw.go:252
	ChannelsHead                        // game/channels.go:72
	ChannelsRejected                    // game/channels.go:77
	ChannelsCheckOK                     // game/channels.go:120
	ChannelsCheckBad                    // game/channels.go:123
	ChannelsSample0                     // game/channels.go:126 (a sentence put before the check)
	ChannelsOne                         // game/channels.go:130 (a sentence put before the check)
	ChannelsGroupOne                    // game/channels.go:132 (a sentence put before the check)
	GroupsHead                          // game/channels.go:188
	GroupsRejected                      // game/channels.go:190
	GroupsInputs                        // game/channels.go:217
	GroupsFilters                       // game/channels.go:218
	DepthwiseNeedsRGB                   // game/state/groups.go:73
	DepthwiseNeedsPresets               // game/state/groups.go:76
	BatchHead                           // game/batch.go:77+79 (input shape, output shape)
	BatchMapsOf                         // game/batch.go:95
	BatchRejected                       // game/batch.go:97
	BatchCaption                        // game/batch.go:116
	BatchOneWeightOne                   // game/state/batch.go:47
	BatchOneWeightAll                   // game/state/batch.go:49
	SamplePhoto                         // game/state/batch.go:68
	SampleMNIST                         // game/state/batch.go:70, 79
	SampleDrawing                       // game/state/batch.go:72
	SampleBlank                         // game/state/batch.go:76
	SampleResized                       // game/state/batch.go:79+81
	ShapesHead                          // game/shapes.go:52
	ShapesError                         // game/shapes.go:63, 106 (Korean names PyTorch: the view adds Gloss under it)
	ShapesChain                         // game/shapes.go:78, 112
	ShapesNone                          // game/shapes.go:132, 177
	ShapesRejected                      // game/shapes.go:136
	ShapesParams                        // game/shapes.go:157
	ShapesMACs                          // game/shapes.go:158
	ShapesNeverRead                     // game/shapes.go:161
	CodeRejected                        // game/state/shapes.go:19 (the comment after the layer's code)
	ChainRefuses                        // game/state/model.go:123
	NoNetwork                           // game/state/model.go:63
	LearnedUnavailable                  // game/state/model.go:46
	LearnedError                        // game/state/model.go:51
	ExportCopyCode                      // game/export.go:75
	ExportStartFresh                    // new: game/export.go's Start fresh (the browser's)
	ExportSaveNpy                       // game/export.go:78
	StepPerSecond                       // game/stepper.go:89
	StepCells                           // game/stepper.go:156
	StepStopped                         // game/stepper.go:159
	NeverRead                           // game/trail.go:97 (the parts joined with ", ", then NeverFloor or NeverStride)
	NeverRows                           // game/trail.go:88
	NeverCols                           // game/trail.go:91
	NeverFloor                          // game/trail.go:93
	NeverStride                         // game/trail.go:95
	ReachWeight                         // game/trail.go:130
	ReachPixel                          // game/trail.go:143
	KeyHelpStride                       // game/keys.go
	KeyHelpPadding                      // game/keys.go
	KeyHelpDilation                     // game/keys.go
	KeyHelpKernel                       // game/keys.go:27
	KeyHelpOut                          // game/keys.go:28
	KeyHelpMode                         // game/keys.go:29
	KeyHelpNormalize                    // game/keys.go:30
	KeyHelpClear                        // game/keys.go:31
	KeyHelpUndo                         // game/keys.go:32
	KeyHelpDigit                        // game/keys.go:33
	KeyHelpEraser                       // game/keys.go:34
	KeyHelpColours                      // game/keys.go:35
	KeyHelpScale                        // game/keys.go:36
	KeyHelpFilter                       // game/keys.go:37
	KeyHelpPreset                       // game/keys.go:38
	KeyHelpPlay                         // game/keys.go:39
	KeyHelpStep                         // game/keys.go:40
	FocusNext                           // game/keys.go:58
	FocusPress                          // game/keys.go:59
	FocusArrows                         // game/keys.go:60
	FocusEsc                            // game/keys.go:61
	KeysFocusHead                       // game/keys.go:70 (the focus keys joined with three spaces)
	KeysHead                            // game/keys.go:91 (the keys joined with two spaces)
	NoticePhotoNotDrawable              // game/state/state.go:145
	NoticeNothingToUndo                 // game/state/state.go:171
	NoticeNotANumber                    // game/state/state.go:417
	NoticeBiasFinite                    // game/state/state.go:425
	NoticeWeightFinite                  // game/state/channels.go:113
	NoticeSamplesUnavailable            // game/state/state.go:117
	NoticeOverflow                      // game/state/nonfinite.go:67
	DropFolders                         // game/drop.go:74
	DropFiles                           // game/drop.go:76
	DropMixed                           // game/drop.go:78 (DropOneFile or DropNFiles, DropOneFolder or DropNFolders)
	DropOneFile                         // game/drop.go:83
	DropNFiles                          // game/drop.go:85
	DropOneFolder                       // game/drop.go:83
	DropNFolders                        // game/drop.go:85
	DropError                           // game/input.go:172
	ImageTooLarge                       // game/state/image.go:32
	ImageUnreadable                     // game/state/image.go:36
	ImageSize                           // game/state/image.go:39
	ImageBroken                         // game/state/image.go:43
	NpyUnreadable                       // game/state/npy.go:31
	NpyBatchTooLarge                    // game/state/npy.go:34
	NpyShape                            // game/state/npy.go:38
	NpyNonFinite                        // game/state/npy.go:42
	ShareLoad                           // game/state/share.go:173
	ShareTooLong                        // game/state/share.go:182
	ShareBadPrefix                      // game/state/share.go:185
	ShareNotBase64                      // game/state/share.go:189
	ShareDamaged                        // game/state/share.go:194
	ShareCutShort                       // game/state/share.go:459
	ShareNewer                          // game/state/share.go:433
	ShareLearnedUnavailable             // game/state/share.go:337
	ShareSampleMissing                  // game/state/share.go:254
	ExportNoOutput                      // game/state/export.go:93 (PyTorch's message)
	ShareTooBig                         // game/state/share.go:197
	ShareTrailing                       // game/state/share.go:200
	ShareBadNumber                      // game/state/share.go:491
	SharePartTwice                      // game/state/share.go:421
	SharePartBytes                      // game/state/share.go:436
	ShareTensorsPart                    // game/state/share.go:430
	ShareOutside                        // game/state/share.go:226 (a setting's name, from share.go:231-239), share_tensors.go:52 ("groups"), :55 ("batch", n, 1, max)
	ShareFilterPreset                   // game/state/share.go:279
	ShareFilterWeight                   // game/state/share.go:298
	ShareEditedCount                    // game/state/share.go:320
	ShareEditedBeyond                   // game/state/share.go:326
	ShareLearnedFilter                  // game/state/share.go:341
	ShareFilterChannels                 // game/state/share.go:360
	LiveLayer                           // wasm/live.go:30
	LiveError                           // wasm/live.go:35
	LiveNote                            // wasm/live.go:38
	SpokenTimes                         // wasm/live.go:51
	SpokenMinus                         // wasm/live.go:51
	CanvasLabel                         // index.html:191
	PyTorchGlossHead                    // new: the line under a PyTorch message (Gloss)
	CaptionScreenshot                   // README.md: docs/screenshot.png
	CaptionDepthwise                    // README.md: docs/depthwise.png
	CaptionChannels                     // README.md: docs/channels.png
	CaptionBatch                        // README.md: docs/batch.png
	CaptionCode                         // README.md: docs/code.png
	CaptionPhone                        // README.md: docs/phone.png
	CaptionSideways                     // README.md: docs/sideways.png
	CaptionLessonKorean                 // README.md: docs/lesson-ko.png
	CaptionKorean                       // README.md: docs/playground-ko.png
	GlossGroupsPositive                 // gloss of a PyTorch message (gloss.go)
	GlossInDivisible                    // gloss of a PyTorch message (gloss.go)
	GlossOutDivisible                   // gloss of a PyTorch message (gloss.go)
	GlossSameStrided                    // gloss of a PyTorch message (gloss.go)
	GlossPaddingString                  // gloss of a PyTorch message (gloss.go)
	GlossPaddingMode                    // gloss of a PyTorch message (gloss.go)
	GlossSettingRange                   // gloss of a PyTorch message (gloss.go)
	GlossNegativeDimension              // gloss of a PyTorch message (gloss.go)
	GlossTooLarge                       // gloss of a PyTorch message (gloss.go)
	GlossInputDims                      // gloss of a PyTorch message (gloss.go)
	GlossNegativeCrop                   // gloss of a PyTorch message (gloss.go)
	GlossNegativePadding                // gloss of a PyTorch message (gloss.go)
	GlossStride                         // gloss of a PyTorch message (gloss.go)
	GlossWeightGroups                   // gloss of a PyTorch message (gloss.go)
	GlossChannels                       // gloss of a PyTorch message (gloss.go)
	GlossKernelTooBig                   // gloss of a PyTorch message (gloss.go)
	GlossEmpty                          // gloss of a PyTorch message (gloss.go)
	GlossDilation                       // gloss of a PyTorch message (gloss.go)
	GlossDilatedDescriptor              // gloss of a PyTorch message (gloss.go)
	GlossKernelPositive                 // gloss of a PyTorch message (gloss.go)
	GlossModeInput                      // gloss of a PyTorch message (gloss.go)
	GlossCircularUnbatched              // gloss of a PyTorch message (gloss.go)
	GlossModeDims                       // gloss of a PyTorch message (gloss.go)
	GlossReflectTooWide                 // gloss of a PyTorch message (gloss.go)
	GlossPaddedTooSmall                 // gloss of a PyTorch message (gloss.go)
	GlossCircularWrap                   // gloss of a PyTorch message (gloss.go)
	GlossPoolTooSmall                   // gloss of a PyTorch message (gloss.go)
	GlossLinear                         // gloss of a PyTorch message (gloss.go)
	LessonTitle                         // new: the lesson card's title and the button that opens it
	LessonStepOf                        // new: the card's progress
	LessonNext                          // new: card button
	LessonBack                          // new: card button
	LessonCheck                         // new: card button: checks the typed answer
	LessonShowAnswer                    // new: card button
	LessonClose                         // new: card button: closes the lesson (the link remembers)
	LessonRight                         // new: after a right answer, before the worked formula
	LessonTryIt                         // new: after the worked formula
	LessonEmpty                         // new: Check with nothing typed
	LessonNotNumber                     // new: Check with text that is not a number
	LessonDone                          // new: after the last step
	LessonQuestionHout                  // new: steps 1, 3, 4
	LessonHintFormula                   // new: a wrong output size
	LessonHintPlusOne                   // new: a wrong output size, one short
	LessonHintFloor                     // new: a fractional output size
	LessonFormulaTitle                  // new: step 1
	LessonFormulaText                   // new: step 1
	LessonFormulaWorked                 // new: step 1 (conv's formula, K − 1)
	LessonPaddingTitle                  // new: step 2
	LessonPaddingText                   // new: step 2
	LessonPaddingQuestion               // new: step 2 (kernel, input, input)
	LessonPaddingHint                   // new: step 2, wrong
	LessonPaddingBoth                   // new: step 2, answered K − 1
	LessonPaddingWorked                 // new: step 2 (conv's formula, P)
	LessonStrideTitle                   // new: step 3
	LessonStrideText                    // new: step 3
	LessonStrideHalf                    // new: step 3, answered the input's size
	LessonStrideWorked                  // new: step 3 (conv's formula, the quotient)
	LessonFloorTitle                    // new: step 4
	LessonFloorText                     // new: step 4
	LessonFloorWorked                   // new: step 4 (formula, stride, last start, last end, rows)
	LessonRGBTitle                      // new: step 5
	LessonRGBText                       // new: step 5
	LessonRGBQuestion                   // new: step 5 (choices 1, 3, 6)
	LessonRGBHint                       // new: step 5, answered 3
	LessonRGBFilters                    // new: step 5, answered 6
	LessonRGBWorked                     // new: step 5 (filters, maps, output shape)
	LessonParamsTitle                   // new: step 6
	LessonParamsText                    // new: step 6
	LessonParamsQuestion                // new: step 6 (the layer)
	LessonParamsBias                    // new: step 6, answered weight + bias
	LessonParamsOne                     // new: step 6, answered one filter
	LessonParamsHint                    // new: step 6, wrong
	LessonParamsWorked                  // new: step 6
	LessonBatchTitle                    // new: step 7
	LessonBatchText                     // new: step 7
	LessonBatchQuestion                 // new: step 7 (weight shape, batch; choices 1, 16, 20)
	LessonBatchShared                   // new: step 7, answered the batch size
	LessonBatchFilters                  // new: step 7, answered the filters
	LessonBatchWorked                   // new: step 7
	LessonCellTitle                     // new: step 8
	LessonCellText                      // new: step 8
	LessonCellQuestion                  // new: step 8 (the layer)
	LessonCellBias                      // new: step 8, answered products + 1
	LessonCellAll                       // new: step 8, answered every filter's products
	LessonCellHint                      // new: step 8, wrong
	LessonCellWorked                    // new: step 8
	LessonPoolTitle                     // new: step 9
	LessonPoolText                      // new: step 9
	LessonPoolQuestion                  // new: step 9 (pool1's shape, conv2)
	LessonPoolNoPadding                 // new: step 9, answered pool1's size
	LessonPoolAfter                     // new: step 9, answered pool2's size
	LessonPoolWorked                    // new: step 9
	LessonGuessTitle                    // new: step 10
	LessonGuessText                     // new: step 10
	LessonGuessQuestion                 // new: step 10 (pool2's shape)
	LessonGuessOneMap                   // new: step 10, answered one map
	LessonGuessHint                     // new: step 10, wrong
	LessonGuessWorked                   // new: step 10
	TrainButton                         // game/train.go: the button that starts training
	TrainPause                          // game/train.go
	TrainReset                          // game/train.go
	TrainSave                           // game/train.go
	TrainSaved                          // game/train.go (what OnSave did, the file)
	TrainSavePT                         // game/train.go
	TrainSavedPT                        // game/train.go (what OnSave did, the file)
	TrainTitleLeNetOnScreen             // game/train.go, the longest title
	TrainTitleLeNetDigits               // game/train.go
	TrainTitleLeNet                     // game/train.go
	TrainTitleNetDigits                 // game/train.go
	TrainTitleNet                       // game/train.go
	TrainBatch                          // game/train.go: the batch size
	TrainLossTitle                      // game/train.go: the loss chart
	TrainAccTitle                       // game/train.go: the accuracy chart
	TrainAccShort                       // game/train.go: the accuracy chart on a phone
	TrainPhaseOff                       // game/train.go: training.Off (the phases in training.Phase order)
	TrainPhaseLoading                   // game/train.go: training.Loading
	TrainPhaseRunning                   // game/train.go: training.Running
	TrainPhasePaused                    // game/train.go: training.Paused
	TrainPhaseFailed                    // game/train.go: training.Failed
	TrainStatus                         // game/train.go (the phase, step, epoch)
	TrainSpeed                          // game/train.go: appended to TrainStatus
	TrainStatusLoss                     // game/train.go: appended
	TrainStatusTest                     // game/train.go: appended
	TrainData                           // game/train.go: the data loaded, size unknown
	TrainDataOf                         // game/train.go: loaded, total
	TrainPending                        // game/train.go
	TrainHowLong                        // game/train.go (the seed)
	TrainHowShort                       // game/train.go (the seed)
	TrainHistory                        // game/train.go
	TrainHistoryShort                   // game/train.go
	TrainHistoryStep                    // game/train.go
	TrainHistoryNow                     // game/train.go
	TrainWeightsErr                     // game/train.go (the error)
	ModelOpen                           // game/modelview.go: the button
	ModelClose                          // game/modelview.go: the button
	ModelWhole                          // game/modelview.go: the button
	ModelUseOnInput                     // game/modelview.go: a weight row's button
	ModelTopLevel                       // game/modelview.go: the layer of keys without a prefix
	ModelHead                           // game/modelview.go: no model open
	ModelHeadOf                         // game/modelview.go (the file name)
	ModelDrop                           // game/modelview.go
	ModelDropShort                      // game/modelview.go
	ModelMakeOne                        // game/modelview.go
	ModelInfo                           // game/modelview.go (format, tensors, layers, size, conv weights: the counts below)
	ModelTensorOne                      // game/modelview.go
	ModelTensors                        // game/modelview.go
	ModelLayerOne                       // game/modelview.go
	ModelLayers                         // game/modelview.go
	ModelConvOne                        // game/modelview.go
	ModelConvs                          // game/modelview.go
	ModelValueOne                       // game/modelview.go: a tensor's size
	ModelValues                         // game/modelview.go: a tensor's size
	ModelPage                           // game/modelview.go
	ModelOnScreen                       // game/modelview.go: after the layer's name (shown, filters)
	ModelNetOnScreen                    // game/modelview.go (layers)
	ModelNoPreset                       // game/modelview.go (the presets tried)
	ModelNetTakes                       // game/modelview.go (the preset)
	ModelNetError                       // game/modelview.go (the error)
	ModelNetOutput                      // game/modelview.go (class, y)
	ModelFilterHover                    // game/modelview.go (weight name, filter, shape, min, max)
	ModelFilterDrawn                    // game/modelview.go: appended (input channels)
	ModelOpenNeedsPicker                // game/modelopen.go
	ModelReading                        // game/modelopen.go (file name, size)
	StripInput                          // game/strip.go: the input's block
	StripEditText                       // game/strip.go: the button that edits the network as text
	StripAdd                            // game/strip.go: the add menu (the layer kind)
	StripRefused                        // game/strip.go: a refused block
	StripRefusedShort                   // game/strip.go
	StripNetworks                       // game/strip.go: the add menu's presets
	StripHover                          // game/strip.go (layer, its spec, its shape)
	LayerHead                           // game/layermaps.go (layer, its short spec)
	LayerNotForTab                      // game/layermaps.go (the tab, the layer)
	LayerNoExplain                      // game/layermaps.go (layer, its kind)
	LayerNotForNow                      // game/layermaps.go
	LayerRejected                       // game/layermaps.go
	LayerNoOutput                       // game/layermaps.go
	LayerChainBreaks                    // game/layermaps.go
	LayerNotDrawn                       // game/layermaps.go (the shape)
	LayerPixelHover                     // game/layermaps.go (layer, x's indexes, value, cells, per map, maps)
	LayerNoBreakdown                    // game/layermaps.go
	LayerChannelsHead                   // game/layermaps.go (map, channels, bias)
	LayerSoftmax                        // game/layermaps.go: the last layer's bars
	LayerValues                         // game/layermaps.go (count, largest |value|)
	LayerMapHover                       // game/layermaps.go (layer, y's indexes)
	LayerPartHover                      // game/layermaps.go (layer, map, channel, row, col)
	LayerVectorHover                    // game/layermaps.go (layer, sample, index, value)
	LayerNoExplanation                  // game/layerexplain.go
	LayerClickToExplain                 // game/layerexplain.go
	LayerPoolMean                       // game/layerexplain.go (y's indexes, window h, w, rows, cols, layer, map)
	LayerPoolMax                        // game/layerexplain.go (as LayerPoolMean)
	LayerComputed                       // game/layerexplain.go (the sum, the layer's value)
	LayerPaintsHead                     // game/layerexplain.go (y's indexes, paints, layer)
	LayerNoPaint                        // game/layerexplain.go
	LayerSettingsHead                   // game/layersettings.go (the kind, the layer)
	LayerWeightsHead                    // game/layersettings.go
	LayerNoParams                       // game/layersettings.go
	LayerFilterHead                     // game/layerweights.go (filter, filters, layer, filter, channel)
	LayerInChannel                      // game/layerweights.go (channel, channels)
	LayerFiltersPick                    // game/layerweights.go (last shown, filters)
	LayerWeightHover                    // game/layerweights.go (layer, w's indexes, value)
	LayerWeightReach                    // game/layerweights.go: appended (count, pixels, layer, channel, outputs, in padding)
	LayerChannelsHeadShort              // game/layermaps.go: LayerChannelsHead on a narrow column
	LayerFitInput                       // game/layersettings.go: a Linear layer's button
	LayerMapCaption                     // game/deepview.go (layer, map)
	TransposeScatter                    // game/transpose_view.go: the scatter view's toggle
	TransposeZeroInsertion              // game/transpose_view.go: the zero-insertion view's toggle
	TransposeHead                       // game/transpose_draw.go: no cell explained
	TransposeRejected                   // game/transpose_draw.go
	TransposePaintCount                 // game/transpose_draw.go (pixels)
	TransposeApart                      // game/transpose_draw.go (kernel h, w, stride)
	TransposeZerosShort                 // game/transpose_draw.go (zeros between, TransposeBeforeAfter)
	TransposeZerosBetween               // game/transpose_draw.go (zeros)
	TransposeAround                     // game/transpose_draw.go (d, k, p, before, TransposeBeforeAfter, output_padding)
	TransposeFlipped                    // game/transpose_draw.go (taps on 0, taps)
	TransposeCropped                    // game/transpose_draw.go around (rows)
	TransposeBeforeAfter                // game/transpose_draw.go around (before, after)
	TransposeBiasAlone                  // game/transpose_draw.go
	TransposeFromX                      // game/transpose_draw.go (channel, row, col)
	TransposeFromY                      // game/transpose_draw.go (map, row, col)
	TransposeMore                       // game/transpose_draw.go (terms not shown)
	TransposeStuffedFrom                // game/transpose_draw.go (channel, row, col)
	TransposeFlippedW                   // game/transpose_draw.go (channel)
	TransposeInserted                   // game/transpose_draw.go: a legend
	TransposeZeroAround                 // game/transpose_draw.go: a legend
	TransposeWindow                     // game/transpose_draw.go: a legend
	TransposeNoPaint                    // game/transpose_shapes.go paintsText: the maps' hover
	TransposePaintedBy                  // game/transpose_shapes.go paintsText (pixels, rows, cols)
	NoticeNothingToRedo                 // game/state/history.go
	NoticeCannotAdd                     // game/state/net_edit.go (the layer kind)
	NoticeLayerZeroStays                // game/state/net_edit.go: removing layer 0
	NoticeCannotMove                    // game/state/net_edit.go
	NoticeFitNeedsLinear                // game/state/net_edit.go
	NoticeLeNetUnavailable              // game/state/net.go (why)
	NoticeNoModel                       // game/state/modelwhole.go
	NoticeFirstNotConv                  // game/state/modelwhole.go (the file)
	NoticeLinkLeftOutNet                // game/state/share.go leftOutNotice (the file, twice)
	NoticeLinkLeftOut                   // game/state/share.go leftOutNotice (the file)
	ShapesRejectedNoMaps                // game/shapes.go tensorLines
	TransposeWeightNote                 // game/transpose_shapes.go: after the weight's shape
	TransposeCounts                     // game/transpose_shapes.go (weight, in, k, k, out, params, MACs)
	TransposeInverse                    // game/transpose_shapes.go (in, out, k, stride, padding; the rest is code)
	TransposeInverseRefuses             // game/transpose_shapes.go (the shape, PyTorch's message)
	TransposePastInverse                // game/transpose_shapes.go
	TransposeExact                      // game/transpose_shapes.go (the formula)
	TransposeOnly                       // game/transpose_shapes.go (size, H_in)
	TransposeAllGive                    // game/transpose_shapes.go (lo, hi, H_in, output_padding, picked)
	TrainNotInBuild                     // game/training/session.go
	TrainDataFailed                     // game/training/session.go (the error)
	ModelOnScreenShort                  // game/modelview.go: after the layer's name (shown, filters)
	ModelNetOnScreenMid                 // game/modelview.go (layers)
	ModelNetOnScreenShort               // game/modelview.go (layers)
	ModelNoPresetMid                    // game/modelview.go
	ModelNoPresetShort                  // game/modelview.go
	ModelNoPresetFits                   // game/modelview.go
	ModelNetWhole                       // game/modelview.go (the preset)
	ModelNetClass                       // game/modelview.go (class)

	ShareLayerPart      // game/link/trailer.go (the layer part's error)
	ShareMorePart       // game/link/trailer.go (the more-filters part's error)
	ShareTrainPart      // game/link/trailer.go (the training part's error)
	ShareEditedChannels // game/link/trailer.go, more.go (filter, channel bits, channels)
	ShareLeftOutPart    // game/link/more.go
	SharePlaybackFlags  // game/link/playback.go
	SharePlaybackCell   // game/link/playback.go
	ShareLayerKind      // game/link/layer.go
	ShareLR             // game/link/train.go
	NetTextTooLong      // game/state/net_link.go
	NetTextDamaged      // game/state/net_link.go
	NetText             // game/state/net_link.go (the parser's error)
	NetSeeds            // game/state/net_link.go
	NetSeed             // game/state/net_link.go
	ImageTooManyPixels  // game/picture/limit.go (name, w, h, megapixels, ImageMegapixels or ImageMegapixelsDeep)
	ImageMegapixels     // game/picture/limit.go
	ImageMegapixelsDeep // game/picture/limit.go (16-bit limit, 8-bit limit)
	CameraFrame         // game/state/camera.go (the frame's error)
	CameraFrameSize     // game/picture/image.go (w, h, bytes, the side's limit)
	DropUnreadable      // index.html via wasm/drop.go dropRefused (the file, the browser's reason)
	ModelMisfit         // game/state/modelwhole.go (the file, the closest network, ModelMisfitMissing, ModelMisfitShape or ModelMisfitExtra)
	ModelMisfitMissing  // game/state/modelwhole.go (key, the network's shape)
	ModelMisfitShape    // game/state/modelwhole.go (key, the file's shape, the network's)
	ModelMisfitExtra    // game/state/modelwhole.go (key, shape)
	NoBreakdown         // game/channels.go (the reason)
	NoBreakdownRejected // game/channels.go (PyTorch's message)
	NoGroupsRejected    // game/channels.go (groups, PyTorch's message)
	ShapesLeNetChain    // game/shapes.go drawNarrow (the chain)
	NoticeClickForAll   // game/header.go: after a notice cut to fit the header
	NoticeClickToClose  // game/noticebox.go
	GuessMoved          // game/inputpanel.go (what moved)
	HintDraw            // game/hint.go
	HintDrawShort       // game/hint.go
	BreakdownTransposed // game/state/breakdown.go
	BatchHeadInput      // game/batch.go: the heading while the settings are rejected (x's shape)
	BatchRejectedShort  // game/batch.go: BatchRejected on a narrow column
	BatchMapsOfShort    // game/batch.go: BatchMapsOf on a narrow column
	NeverShort          // game/trail.go: the never-read pill when the long one does not fit (rows, cols)
	HistoryUndo         // game/state/history.go UndoLabel (what)
	HistoryUndoChange   // game/state/history.go UndoLabel (what, from, to)
	HistoryRedo         // game/state/history.go RedoLabel (what)
	HistoryRedoChange   // game/state/history.go RedoLabel (what, from, to)
	HistoryStroke       // game/state/history.go historyNames
	HistoryClear        // game/state/history.go historyNames
	HistoryCamera       // game/state/history.go historyNames
	HistoryLink         // game/state/history.go historyNames
	HistoryNetwork      // game/state/history.go historyNames
	HistoryInput        // game/state/history.go historyNames
	HistoryScaling      // game/state/history.go historyNames
	HistoryLearned      // game/state/history.go historyNames
	HistoryPresets      // game/state/history.go historyNames
	NetStartsConv       // game/state/net.go firstLayer
	NetFirstChannels    // game/state/net.go firstLayer (line, in_channels, in_channels, the input's channels)
	NetFirstRanges      // game/state/net.go firstLayer (line, the steppers' maxima)
	GuessNetRefuses     // game/state/net.go: the guess of a network (layer, its error)
	GuessNetOutput      // game/state/net.go: the guess of a network (the output's shape)
	ModelNoTensors      // game/state/modelopen.go (the file)
	NetBoxNote          // wasm/netedit.go: the network text box
	NetBoxApply         // wasm/netedit.go
	NetBoxCancel        // wasm/netedit.go
	TrainWorkerFailed   // wasm/train.go: the worker's onerror (the browser's message)
	HistoryAdd          // game/state/history.go historyPrefixes (a layer)
	HistoryRemove       // game/state/history.go historyPrefixes (a layer)
	HistoryMove         // game/state/history.go historyPrefixes (a layer)
	HistoryNetworkOf    // game/state/history.go historyPrefixes (a file)
	HistoryDigit        // game/state/history.go historyPrefixes (a number)
	HistoryFilter       // game/state/history.go historyPrefixes (a number)
	ExplainLayerHead    // game/explain_draw.go: a deeper layer's cell (layer, map, row, col, the layer before)
	FieldCell           // game/field.go (layer, row, col, rows, cols)
	FieldWhole          // game/field.go (layer)
	MapsLegendShort     // game/maps.go: the legend on a phone's column (min, max)
	ExplainChannelOf    // game/explain_draw.go: the channel picker (the channel's name, channels)
	ModelKernelTooBig   // game/state/modelopen.go convMisfit (weight, shape, k, k, max, max)
	ModelChannelsMisfit // game/state/modelopen.go convMisfit (weight, shape, its channels, the input's name, its channels, the fix, PyTorch's message)
	ModelFirstLayerOnly // game/state/modelopen.go convMisfit
	ModelPickDrawing    // game/state/modelopen.go convMisfit
	ModelPickPhoto      // game/state/modelopen.go convMisfit
	ModelOnScreenName   // game/state/modelwhole.go: the candidate network that is the one on screen
	FilterScaled        // game/filters.go notes (the factor, e.g. ×10³)

	numKeys // how many there are: the table's length
)
